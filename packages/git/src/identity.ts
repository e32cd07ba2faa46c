// Who makes a commit: an identity as "Name <email>" gives it, and the variables git reads it from.

export interface Identity {
  name: string;
  email: string;
}

/** `Name <email>` as git writes identities; undefined when the text is not of that form. */
export function parseIdentity(text: string): Identity | undefined {
  const match = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(text.trim());
  return match?.[1] && match[2] ? { name: match[1], email: match[2] } : undefined;
}

/** The variables git takes the author (with its date, when given) and the committer of a new commit from. */
export function identityVariables(
  author: Identity & { readonly date?: string },
  committer: Identity,
): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    ...(author.date ? { GIT_AUTHOR_DATE: author.date } : {}),
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}
