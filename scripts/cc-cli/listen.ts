// `listen`: a contact center's receiver for Switchboard's outbound events, verifying each signature.
import { createServer } from 'node:http';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../src/adapters/signature/hmac-signature';
import { CliError, fail } from './errors';

/** A port from the command line: an integer from 0 (any free port) to 65535. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) fail(`--port must be an integer from 0 to 65535 (got "${text}")`);
  return port;
}

/** Resolves once listening; fails with one line when the port cannot be had. */
export function listen(port: number, secret: string): Promise<void> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const header = (name: string) => req.headers[name] as string | undefined;
      const now = Date.now() / 1000;
      const check = verifySignature(secret, body, header(TIMESTAMP_HEADER), header(SIGNATURE_HEADER), now);
      console.log(`${check.ok ? 'verified' : `REJECTED (${check.code})`} ${body.toString('utf8')}`);
      res.statusCode = check.ok ? 200 : 401;
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE' ? 'is in use' : `cannot be opened (${error.code ?? error.message})`;
      reject(new CliError(`port ${port} ${why}; pick another with --port`));
    });
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      console.log(`listening on http://127.0.0.1:${actual} (set CC_OUTBOUND_URL to it)`);
      resolve();
    });
  });
}
