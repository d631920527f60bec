// The README's first example: plain node:http. Run: npx ts-node examples/quick-start.ts
// #region readme
import { createServer } from 'node:http';
import { NotFoundException, TooManyRequestsException } from 'typed-http-exceptions';
import { sendProblem } from 'typed-http-exceptions/node';

export const server = createServer((req, res) => {
  try {
    if (req.url === '/search') throw new TooManyRequestsException('10 requests a minute', { retryAfter: 30 });
    throw new NotFoundException(`No route for ${req.url}`);
  } catch (error) {
    sendProblem(res, error); // any thrown value: typed exception, http-errors error, bug, `null` …
  }
});
// #endregion readme

if (require.main === module) {
  server.listen(3000, '127.0.0.1', () => console.log('Listening on http://127.0.0.1:3000'));
}
