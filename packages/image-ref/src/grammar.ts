// The distribution reference grammar (github.com/distribution/reference), as anchored regexes.

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|-+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const ipv6Address = '\\[[a-fA-F0-9:]+\\]';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
const host = `(?:${domainName}|${ipv6Address})`;
const domainAndPort = `${host}(?::[0-9]+)?`;
const remoteName = `${pathComponent}(?:/${pathComponent})*`;
const name = `(?:${domainAndPort}/)?${remoteName}`;
const tag = '[\\w][\\w.-]{0,127}';
const digest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

export const referencePattern = new RegExp(`^(${name})(?::(${tag}))?(?:@(${digest}))?$`);
export const tagPattern = new RegExp(`^${tag}$`);
export const digestPattern = new RegExp(`^${digest}$`);
export const domainPattern = new RegExp(`^${domainAndPort}$`);
export const remoteNamePattern = new RegExp(`^${remoteName}$`);

export const nameTotalLengthMax = 255;

/** Hex lengths of the digest algorithms registries accept (go-digest's registered ones). */
export const digestHexLength: Readonly<Record<string, number>> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};
