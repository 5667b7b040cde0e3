/**
 * The polling benchmark's yardstick: a bare Fastify app with one GET route that returns a constant JSON body
 * (the orchestrator passes a real progress body, so both routes send the same bytes). No auth, no database,
 * no logger: what Fastify itself costs on this machine.
 */
import Fastify from 'fastify';
import { selfUsage, serveParent } from '../lib/child';

async function main() {
  const body = JSON.parse(process.env.BENCH_BARE_BODY ?? '{"ok":true}') as unknown;
  const app = Fastify({ logger: false });
  app.get('/constant', async () => body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  serveParent({ pid: process.pid, url: `http://127.0.0.1:${port}` }, { usage: selfUsage }, () => app.close());
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
