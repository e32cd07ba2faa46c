// Sigstore on loopback: @sigstore/mock's Fulcio CA and Rekor log, each behind a node:http server, and the trust
// root made of their keys, so signing runs against real HTTP endpoints and verification runs the production path
// with only the trust root changed. Tokens are unsigned JWTs with the claims GitHub Actions' OIDC tokens carry.
import { createHash, generateKeyPairSync, type KeyPairKeyObjectResult, randomUUID } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import { parseTrustedRoots, type TrustedRoot } from '@gitops/provenance';
import { bundleToJSON } from '@sigstore/bundle';
import {
  fulcioHandler,
  type HandlerFn,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
} from '@sigstore/mock';
import { DSSEBundleBuilder, FulcioSigner, RekorWitness } from '@sigstore/sign';

export interface SigstoreDouble {
  readonly fulcioUrl: string;
  readonly rekorUrl: string;
  /** A timestamp authority, as GitHub's own Sigstore has in place of a log. */
  readonly tsaUrl: string;
  /**
   * GitHub Actions' OIDC token service for one job (ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN), issuing tokens with
   * `claims` as a workflow of `workflow` (`owner/repo/.github/workflows/f.yml@ref`) would get them.
   */
  oidc(workflow: string, claims?: Record<string, string>): { url: string; token: string };
  /** A TrustedRoot (JSON) with the double's CA, transparency log and CT log. */
  readonly trustedRoot: unknown;
  /** The same, parsed, as verifying takes it. */
  readonly roots: TrustedRoot[];
  /** Signs an in-toto statement about `digest` as `workflow` (`owner/repo/.github/workflows/f.yml@ref`). */
  /**
   * `source`: the run was of another repository and ref than the workflow that signed, as when a reusable workflow
   * (`org/shared/.github/workflows/build.yml@refs/heads/main`) builds for its caller: GitHub's token then names the
   * caller in `repository`, `ref` and `workflow_ref`, and the shared workflow in `job_workflow_ref`.
   */
  attest(
    digest: string,
    workflow: string,
    options?: { issuer?: string; source?: { repository: string; ref: string } },
  ): Promise<unknown>;
  stop(): Promise<void>;
}

const key = (): KeyPairKeyObjectResult => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const spki = (pair: KeyPairKeyObjectResult) => pair.publicKey.export({ format: 'der', type: 'spki' });
const logId = (pair: KeyPairKeyObjectResult) => createHash('sha256').update(spki(pair)).digest('base64');
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function listen(handle: RequestListener): Promise<{ server: Server; url: string }> {
  // Sigstore's client keeps idle connections for reuse longer than Node's server does (5 s): a POST sent on one the
  // server has just closed hangs up (ECONNRESET), and a POST is not retried. Seen on a loaded machine; as hosted
  // services do, the server keeps idle connections longer than any client reuses them.
  const server = createServer({ keepAliveTimeout: 120_000, headersTimeout: 125_000 }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}` };
}

async function serve(handlers: { path: string; fn: HandlerFn }[]): Promise<{ server: Server; url: string }> {
  return listen((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const handler = handlers.find((candidate) => request.url?.startsWith(candidate.path));
      if (!handler) {
        response.writeHead(404).end();
        return;
      }
      const answer = await handler.fn(Buffer.concat(chunks).toString());
      response.writeHead(answer.statusCode, { 'content-type': answer.contentType ?? 'application/json' });
      response.end(answer.response);
    });
  });
}

/**
 * An unsigned JWT with the claims GitHub Actions' OIDC tokens carry for a job of `workflow`; `claims` override.
 * Unsigned: the mock Fulcio reads claims without checking a signature, and nothing else reads the token.
 */
function workflowToken(workflow: string, audience: string, claims: Record<string, string>): string {
  const [repository = '', ref = ''] = [workflow.split('/.github/')[0], workflow.split('@')[1]];
  return `${b64({ alg: 'none' })}.${b64({
    iss: 'https://token.actions.githubusercontent.com',
    aud: audience,
    sub: `repo:${repository}:ref:${ref}`,
    workflow_uri: `https://github.com/${workflow}`,
    job_workflow_ref: workflow,
    workflow_ref: workflow,
    repository,
    repository_id: '1296269',
    repository_owner: repository.split('/')[0] ?? '',
    repository_owner_id: '9919',
    repository_visibility: 'private',
    ref,
    sha: 'f'.repeat(40),
    event_name: 'push',
    runner_environment: 'github-hosted',
    run_id: '8112',
    run_attempt: '1',
    ...claims,
  })}.`;
}

export async function startSigstoreDouble(): Promise<SigstoreDouble> {
  const [ctKey, caKey, logKey] = [key(), key(), key()];
  const ca = await initializeCA(caKey, await initializeCTLog(ctKey));
  // The log signs checkpoints with its address as origin: it must know the address it is served at.
  const rekorHandlers: { path: string; fn: HandlerFn }[] = [];
  const rekor = await serve(rekorHandlers);
  rekorHandlers.push(rekorHandler(await initializeTLog(rekor.url, logKey)));
  // The mock Fulcio names the certificate by one claim; GitHub's tokens carry none that is the whole URI Fulcio
  // makes (https://github.com/ + job_workflow_ref), so the double's tokens add it as workflow_uri.
  const fulcio = await serve([fulcioHandler(ca, { subjectClaim: 'workflow_uri' })]);
  const tsaKey = key();
  const tsa = await initializeTSA(tsaKey);
  // The mock writes genTime with milliseconds and drops trailing zeros (".12Z"), as DER wants, but @sigstore/core
  // reads only three digits: one timestamp in ten would not parse. Whole seconds always do.
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () =>
    new Date(Math.floor(Date.now() / 1000) * 1000);
  const timestamps = await serve([tsaHandler(tsa)]);
  const jobs = new Map<string, { workflow: string; claims: Record<string, string> }>();
  const oidc = await listen((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const job = jobs.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!job || url.pathname !== '/token') {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"message":"Bad credentials"}');
      return;
    }
    const audience = url.searchParams.get('audience') ?? 'https://github.com/acme';
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ value: workflowToken(job.workflow, audience, job.claims) }));
  });
  const validFor = { start: '2000-01-01T00:00:00Z' };
  const publicKey = (pair: KeyPairKeyObjectResult) => ({
    rawBytes: spki(pair).toString('base64'),
    keyDetails: 'PKIX_ECDSA_P256_SHA_256',
    validFor,
  });
  const trustedRoot = {
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      { baseUrl: rekor.url, hashAlgorithm: 'SHA2_256', publicKey: publicKey(logKey), logId: { keyId: logId(logKey) } },
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: fulcio.url,
        certChain: {
          certificates: [{ rawBytes: Buffer.from(ca.rootCertificate as unknown as Uint8Array).toString('base64') }],
        },
        validFor,
      },
    ],
    ctlogs: [
      {
        baseUrl: 'https://ctfe.example',
        hashAlgorithm: 'SHA2_256',
        publicKey: publicKey(ctKey),
        logId: { keyId: logId(ctKey) },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore-tsa' },
        uri: timestamps.url,
        certChain: {
          certificates: [tsa.intCertificate, tsa.rootCertificate].map((certificate) => ({
            rawBytes: Buffer.from(certificate as unknown as Uint8Array).toString('base64'),
          })),
        },
        validFor,
      },
    ],
  };
  return {
    fulcioUrl: fulcio.url,
    rekorUrl: rekor.url,
    tsaUrl: timestamps.url,
    oidc(workflow, claims = {}) {
      const token = `oidc-${randomUUID()}`;
      jobs.set(token, { workflow, claims });
      return { url: `${oidc.url}/token?api-version=2.0`, token };
    },
    trustedRoot,
    roots: parseTrustedRoots(JSON.stringify(trustedRoot), 'trusted_root.json'),
    async attest(digest, workflow, options = {}) {
      const source: Record<string, string> = options.source
        ? {
            repository: options.source.repository,
            ref: options.source.ref,
            sub: `repo:${options.source.repository}:ref:${options.source.ref}`,
            workflow_ref: `${options.source.repository}/.github/workflows/ci.yml@${options.source.ref}`,
            repository_owner: options.source.repository.split('/')[0] ?? '',
          }
        : {};
      const token = workflowToken(workflow, 'sigstore', {
        ...source,
        ...(options.issuer ? { iss: options.issuer } : {}),
      });
      const builder = new DSSEBundleBuilder({
        signer: new FulcioSigner({ fulcioBaseURL: fulcio.url, identityProvider: { getToken: async () => token } }),
        // The mock log keeps in-toto entries whole; its dsse entries do not verify.
        witnesses: [new RekorWitness({ rekorBaseURL: rekor.url, entryType: 'intoto' })],
      });
      const [algorithm = 'sha256', hex = ''] = digest.split(':');
      const statement = {
        _type: 'https://in-toto.io/Statement/v1',
        subject: [{ name: 'ghcr.io/acme/web', digest: { [algorithm]: hex } }],
        predicateType: 'https://slsa.dev/provenance/v1',
        predicate: { buildDefinition: { buildType: 'https://actions.github.io/buildtypes/workflow/v1' } },
      };
      const bundle = await builder.create({
        data: Buffer.from(JSON.stringify(statement)),
        type: 'application/vnd.in-toto+json',
      });
      return bundleToJSON(bundle);
    },
    stop: async () => {
      await Promise.all(
        [fulcio, rekor, timestamps, oidc].map(
          ({ server }) => new Promise<void>((resolve) => server.close(() => resolve())),
        ),
      );
    },
  };
}
