// What the dashboard shows, as plain values: the engine gathers them from the config repository, its history and
// the controllers (delivery's report-site.ts); this package only renders them. Every string here came from Git, a
// pull request or a server and is rendered as text (html.ts).

export interface SiteData {
  /** The repository's name, as the pages' title says it. */
  readonly title: string;
  /** When the site was built (ISO 8601): every age is measured to it. */
  readonly generatedAt: string;
  readonly environments: readonly SiteEnvironment[];
  readonly apps: readonly SiteApp[];
  /** Why there is no health, or why some is missing; empty when every declared controller was read. */
  readonly healthNotes: readonly string[];
  /** Whether any controller was read: without one, the matrix has no health at all and says so. */
  readonly healthRead: boolean;
  /** Changes and hand edits, newest first (at most 200). */
  readonly history: readonly SiteChange[];
  readonly metrics: SiteMetrics;
}

export interface SiteEnvironment {
  readonly name: string;
  readonly promoteFrom: string | undefined;
  readonly held:
    | { readonly reason: string; readonly by: string | undefined; readonly at: string | undefined }
    | undefined;
  readonly frozen: { readonly reason: string | undefined; readonly until: string } | undefined;
  /** Number of clusters, for a fleet. */
  readonly clusters: number | undefined;
}

export interface SiteApp {
  readonly name: string;
  /** Environment name → what runs there; absent where nothing does. */
  readonly cells: Readonly<Record<string, SiteCell>>;
  /** Each environment that runs something else than the one it is promoted from. */
  readonly pending: readonly { readonly from: string; readonly to: string; readonly image: string }[];
  /** Fleet environment → how far its rollout is. */
  readonly fleets: Readonly<Record<string, SiteFleet>>;
  /** Pull requests with a preview of the app. */
  readonly previews: readonly number[];
  /** The app's own changes, newest first. */
  readonly history: readonly SiteChange[];
}

export interface SiteCell {
  /** The whole reference. */
  readonly image: string;
  readonly version: string | undefined;
  /** The digest's first 12 hex digits. */
  readonly digest: string | undefined;
  /** When the change that wrote it landed (ISO 8601), where the history says. */
  readonly since: string | undefined;
  readonly health:
    | { readonly health: string; readonly synced: boolean; readonly message: string | undefined }
    | undefined;
  /** The workflow whose provenance was verified when it was written. */
  readonly builtBy: string | undefined;
  /** Images of the app rolled back out of this environment. */
  readonly rejected: readonly string[];
}

export interface SiteFleet {
  /** The image the first wave runs, and on how many clusters of how many. */
  readonly leading: string | null;
  readonly onLeading: number;
  readonly clusters: number;
  readonly waves: { readonly done: number; readonly of: number };
}

export interface SiteChange {
  readonly commit: string;
  readonly at: string;
  readonly subject: string;
  /** deploy, promote, rollback, hold, …; undefined for a hand edit (a commit without trailers). */
  readonly action: string | undefined;
  readonly environment: string | undefined;
  readonly apps: readonly { readonly app: string; readonly image: string }[];
  /** Where the commit and the run can be seen; only http(s) addresses are ever linked. */
  readonly commitUrl: string | undefined;
  readonly runUrl: string | undefined;
}

/** The four measures per environment, as `gitops metrics` computes them. */
export interface SiteMetrics {
  readonly since: string;
  readonly until: string;
  readonly environments: readonly {
    readonly environment: string;
    readonly deployments: number;
    readonly perWeek: number;
    /** Seconds. */
    readonly leadTimeMedian: number | undefined;
    readonly failureRate: number | undefined;
    readonly timeToRestoreMedian: number | undefined;
  }[];
}
