// The release version, from the root package.json (bundled in at build time).
import rootPackage from '../../../package.json';

export const version: string = rootPackage.version;
