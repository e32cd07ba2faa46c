// The site's one style sheet and one script, served beside the pages: no inline style or script, so the pages hold
// under a Content-Security-Policy that allows only the site's own files. Colours follow the system's light or
// dark scheme and keep text at WCAG AA contrast on every background they set.

export const styleSheet = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1f;--muted:#4d4d57;--line:#d0d0d7;--head:#f1f1f4;
--link:#0b57d0;--ok:#dff3e4;--bad:#fde2e4;--warn:#fff1c2;--mark:#7a1020;--bar:#2f6fd6;--roll:#fff1c2}
@media (prefers-color-scheme:dark){:root{--bg:#121216;--fg:#ececf1;--muted:#b4b4c0;--line:#3a3a44;--head:#1e1e25;
--link:#9ec1ff;--ok:#163823;--bad:#4a1820;--warn:#3d3310;--mark:#ffb3bd;--bar:#7fa8f0;--roll:#3d3310}}
*{box-sizing:border-box}[hidden]{display:none!important}body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.4 system-ui,sans-serif}
a{color:var(--link)}a:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:var(--bg);padding:4px}
header{display:flex;gap:16px;align-items:baseline;padding:8px 16px;border-bottom:1px solid var(--line);flex-wrap:wrap}
header h1{font-size:16px;margin:0}nav a{margin-right:12px}nav a[aria-current]{font-weight:700;color:var(--fg)}
main{padding:12px 16px}footer{padding:8px 16px;color:var(--muted);font-size:12px}
.wrap{overflow:auto;max-height:80vh}table{border-collapse:collapse}caption{text-align:left;caption-side:top;padding:4px 0;color:var(--muted)}th,td{border:1px solid var(--line);padding:3px 6px;
text-align:left;vertical-align:top;white-space:nowrap}thead th{position:sticky;top:0;background:var(--head)}
tbody th{position:sticky;left:0;background:var(--head)}td code{font-size:11px;margin-left:4px}
small{display:block;color:var(--muted);font-size:11px}.Healthy{background:var(--ok)}
.Degraded,.Missing,.Failed{background:var(--bad)}.Progressing,.Suspended,.Unknown,.OutOfSync{background:var(--warn)}
.mk{display:inline-block;font-size:11px;font-weight:700;color:var(--mark);margin-left:4px}
tr.rollback{background:var(--roll)}.note{border-left:4px solid var(--line);padding:4px 8px;color:var(--muted)}
form[data-filter]{margin:8px 0;display:flex;gap:12px}progress{width:160px}
.chart text{fill:var(--fg);font-size:11px}.chart rect{fill:var(--bar)}figure{margin:0 0 24px}`;

/** Filters a table's rows by app and environment; without it every row shows (the form stays hidden). */
export const filterScript = `for (const form of document.querySelectorAll('form[data-filter]')) {
  const table = document.getElementById(form.dataset.filter);
  const apply = () => {
    const app = form.elements.app.value;
    const env = form.elements.env.value;
    for (const row of table.tBodies[0].rows) {
      const apps = (row.dataset.apps || '').split('\\n');
      row.hidden = (app !== '' && !apps.includes(app)) || (env !== '' && row.dataset.env !== env);
    }
  };
  form.hidden = false;
  form.addEventListener('input', apply);
  form.addEventListener('submit', (event) => event.preventDefault());
  apply();
}
`;
