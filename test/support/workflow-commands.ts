// Reads what an action printed the way the runner does: `::error file=…,line=…::message` and friends.

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file?: string;
  line?: number;
  endLine?: number;
  column?: number;
  endColumn?: number;
  title?: string;
}

export interface WorkflowCommands {
  annotations: Annotation[];
  /** Values registered with `::add-mask::`; the runner replaces them with *** in every log line after. */
  masks: string[];
  debug: string[];
  groups: string[];
  /** Lines that are not workflow commands: the plain log. */
  log: string[];
}

const commandLine = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/;

function unescapeData(text: string): string {
  return text.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replaceAll('%3A', ':').replaceAll('%2C', ',');
}

export function parseWorkflowCommands(stdout: string): WorkflowCommands {
  const result: WorkflowCommands = { annotations: [], masks: [], debug: [], groups: [], log: [] };
  for (const line of stdout.split(/\r?\n/)) {
    const match = commandLine.exec(line);
    if (!match) {
      if (line !== '') result.log.push(line);
      continue;
    }
    const [, name = '', rawProperties = '', rawData = ''] = match;
    const data = unescapeData(rawData);
    const properties = Object.fromEntries(
      rawProperties
        .split(',')
        .filter((pair) => pair.includes('='))
        .map((pair) => {
          const at = pair.indexOf('=');
          return [pair.slice(0, at), unescapeProperty(pair.slice(at + 1))];
        }),
    ) as Record<string, string>;
    switch (name) {
      case 'error':
      case 'warning':
      case 'notice':
        result.annotations.push(annotation(name, data, properties));
        break;
      case 'add-mask':
        result.masks.push(data);
        break;
      case 'debug':
        result.debug.push(data);
        break;
      case 'group':
        result.groups.push(data);
        break;
      default:
        break;
    }
  }
  return result;
}

function annotation(level: Annotation['level'], message: string, p: Record<string, string>): Annotation {
  const number = (key: string) => (p[key] === undefined ? undefined : Number(p[key]));
  const result: Annotation = { level, message };
  if (p.file !== undefined) result.file = p.file;
  if (p.title !== undefined) result.title = p.title;
  const fields = {
    line: number('line'),
    endLine: number('endLine'),
    column: number('col'),
    endColumn: number('endColumn'),
  };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) result[key as 'line'] = value;
  return result;
}

/** Reads a GITHUB_OUTPUT (or GITHUB_ENV) file: `name=value` lines and `name<<DELIMITER` heredocs. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = '', delimiter = ''] = heredoc;
      const end = lines.indexOf(delimiter, i + 1);
      if (end === -1) throw new Error(`output "${name}" opens heredoc ${delimiter} that never closes`);
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
      continue;
    }
    const at = line.indexOf('=');
    if (at === -1) throw new Error(`malformed file command line: ${line}`);
    values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}
