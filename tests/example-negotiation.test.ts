import { createServer } from 'node:http';
import { createApp } from '../examples/negotiation';
import { close, listen, request } from './helpers/http-client';

describe('examples/negotiation.ts', () => {
  const server = createServer(createApp());
  let base: string;
  beforeAll(async () => (base = await listen(server)));
  afterAll(() => close(server));

  test('English by default, problem+json', async () => {
    const res = await request(`${base}/users/42`);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No user 42', instance: '/users/42' });
  });

  test('German title by Accept-Language', async () => {
    const res = await request(`${base}/users/42`, { headers: { 'accept-language': 'de-CH, de;q=0.9, en;q=0.5' } });
    expect(res.headers['content-language']).toBe('de');
    expect(res.json).toMatchObject({ title: 'Nicht gefunden' });
  });

  test('a problem type in French with its members filled in, and the trace id', async () => {
    const res = await request(`${base}/orders`, { method: 'POST', headers: { 'accept-language': 'fr', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({
      title: 'Crédit épuisé',
      detail: 'Votre solde est de 30 €, la commande coûte 50 €.',
      code: 'out-of-credit',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
  });

  test('plain JSON and XML for clients that ask for them', async () => {
    const json = await request(`${base}/users/42`, { headers: { accept: 'application/json', 'x-request-id': 'req-7' } });
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.json).toMatchObject({ traceId: 'req-7' });
    const xml = await request(`${base}/users/42`, { headers: { accept: 'application/xml', 'accept-language': 'ja' } });
    expect(xml.headers['content-type']).toBe('application/problem+xml');
    expect(xml.text).toContain('<title>見つかりません</title>');
  });
});
