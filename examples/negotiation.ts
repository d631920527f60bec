// Negotiation, languages and correlation with Express. Run: npm run example:negotiation
// (without PORT it starts on a free port, sends a few requests, prints the answers and exits;
// with PORT it only listens).
import type { AddressInfo } from 'node:net';
// #region readme
import express, { type Express } from 'express';
import { ForbiddenException, NotFoundException } from 'typed-http-exceptions';
import { problemDetailsHandler } from 'typed-http-exceptions/express';
import { de, fr, ja } from 'typed-http-exceptions/messages';
// #endregion readme

/** Builds the app (tests start it on port 0). */
export function createApp(): Express {
  const app = express();
  // #region readme
  app.get('/users/:id', (req) => {
    throw new NotFoundException(`No user ${req.params['id']}`);
  });
  app.post('/orders', () => {
    throw new ForbiddenException('Your balance is too low', {
      type: 'https://example.com/problems/out-of-credit',
      title: 'Out of credit',
      extensions: { code: 'out-of-credit', balance: 30, cost: 50 },
    });
  });

  app.use(
    problemDetailsHandler({
      // Titles for every status in German, French and Japanese, plus wording for one problem type
      // (keyed by its code); `{member}` is filled from the problem's extension members.
      messages: {
        de: { ...de, 'out-of-credit': { title: 'Guthaben aufgebraucht', detail: 'Ihr Guthaben beträgt {balance} €, die Bestellung kostet {cost} €.' } },
        fr: { ...fr, 'out-of-credit': { title: 'Crédit épuisé', detail: 'Votre solde est de {balance} €, la commande coûte {cost} €.' } },
        ja,
      },
      // The trace id of the request's traceparent header, else its x-request-id.
      traceId: true,
    }),
  );
  // #endregion readme
  return app;
}

/** Sends a few requests to a running app and prints what comes back. */
async function showOff(base: string): Promise<void> {
  const requests: [string, string, Record<string, string>][] = [
    ['GET', '/users/42', {}],
    ['GET', '/users/42', { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' }],
    ['POST', '/orders', { 'accept-language': 'fr', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }],
    ['GET', '/users/42', { accept: 'application/json', 'x-request-id': 'req-7' }],
    ['GET', '/users/42', { accept: 'application/xml', 'accept-language': 'ja' }],
  ];
  for (const [method, path, headers] of requests) {
    const response = await fetch(`${base}${path}`, { method, headers });
    const sent = Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join('; ');
    console.log(`\n${method} ${path}${sent === '' ? '' : `  (${sent})`}`);
    console.log(`  ${response.status} ${response.headers.get('content-type')}`);
    for (const name of ['content-language', 'vary']) {
      const value = response.headers.get(name);
      if (value !== null) console.log(`  ${name}: ${value}`);
    }
    console.log(`  ${(await response.text()).replace(/\n/g, '\n  ')}`);
  }
}

if (require.main === module) {
  const app = createApp();
  if (process.env.PORT !== undefined) {
    const port = Number(process.env.PORT);
    app.listen(port, '127.0.0.1', () => console.log(`Listening on http://127.0.0.1:${port}`));
  } else {
    const server = app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      showOff(`http://127.0.0.1:${port}`).finally(() => server.close());
    });
  }
}
