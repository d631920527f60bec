// Problem types and Standard Schema validation: an Express API that throws two problem types and
// validates with zod, and a client (in this file too) that gets them back as typed exceptions.
// Run: npm run example:problem-types
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
// #region problem-types
// #region validation
import { z } from 'zod';
// #endregion validation
import { defineProblemType } from 'typed-http-exceptions';
// #endregion problem-types
// #region validation
import { NotFoundException, validateOrThrow } from 'typed-http-exceptions';
// #endregion validation
// #region openapi
import { openApiResponses } from 'typed-http-exceptions';
// #endregion openapi
// #region client
import { fromResponse, UnprocessableContentException } from 'typed-http-exceptions';
// #endregion client
import { problemDetailsHandler } from 'typed-http-exceptions/express';

// #region problem-types
/** 403: the account's balance does not cover the purchase. */
export const OutOfCredit = defineProblemType({
  type: 'https://example.com/problems/out-of-credit',
  status: 403,
  title: 'You do not have enough credit',
  code: 'OUT_OF_CREDIT',
  // Checked when the exception is made; `error.extensions.balance` is a number.
  extensions: z.object({ balance: z.number().meta({ examples: [30] }), cost: z.number().meta({ examples: [50] }) }),
});

/** 423: the account is frozen. Extensions typed by a type argument (not checked at run time). */
export const AccountFrozen = defineProblemType<{ until: string }, 423>({
  type: 'https://example.com/problems/account-frozen',
  status: 423,
  title: 'The account is frozen',
  code: 'ACCOUNT_FROZEN',
});
// #endregion problem-types

// #region validation
const Purchase = z.object({
  item: z.string().min(1),
  quantity: z.int().min(1),
  gift: z.object({ to: z.string(), message: z.string().max(200) }).optional(),
});
// #endregion validation

interface Account {
  readonly id: number;
  balance: number;
  readonly frozenUntil?: string;
}

/** A purchase that went through. */
export interface Receipt {
  readonly account: number;
  readonly item: string;
  readonly quantity: number;
  readonly cost: number;
  readonly balance: number;
}

const PRICE = 20;

/** Builds the API (tests start it on port 0). */
export function createApp(): Express {
  const accounts = new Map<number, Account>([
    [1, { id: 1, balance: 30 }],
    [2, { id: 2, balance: 500, frozenUntil: '2030-01-01T00:00:00Z' }],
  ]);
  const app = express();
  app.use(express.json());

  // #region validation
  app.post('/accounts/:id/purchases', async (req, res) => {
    // A 422 listing every invalid member ({ detail, pointer: '#/gift/to' }), or the parsed purchase.
    const purchase = await validateOrThrow(Purchase, req.body);
    const account = accounts.get(Number(req.params['id']));
    if (account === undefined) throw new NotFoundException(`No account ${req.params['id']}`);
    // #region problem-types
    if (account.frozenUntil !== undefined) {
      throw new AccountFrozen(`Account ${account.id} is frozen`, { extensions: { until: account.frozenUntil } });
    }
    const cost = purchase.quantity * PRICE;
    if (cost > account.balance) {
      throw new OutOfCredit(`Your balance is ${account.balance}, but that costs ${cost}`, { extensions: { balance: account.balance, cost } });
    }
    // #endregion problem-types
    account.balance -= cost;
    const receipt: Receipt = { account: account.id, item: purchase.item, quantity: purchase.quantity, cost, balance: account.balance };
    res.status(201).json(receipt);
  });
  // #endregion validation

  // #region openapi
  app.get('/openapi.json', (_req, res) => {
    res.json({
      openapi: '3.1.0',
      info: { title: 'Shop', version: '1.0.0' },
      paths: {
        '/accounts/{id}/purchases': {
          post: { responses: { '201': { description: 'The receipt' }, ...openApiResponses([404, 422, OutOfCredit, AccountFrozen]) } },
        },
      },
    });
  });
  // #endregion openapi

  app.use((req, _res, next) => next(new NotFoundException(`No route for ${req.method} ${req.path}`)));
  app.use(problemDetailsHandler());
  return app;
}

// #region client
// The client: each problem type comes back as its own class, with typed extensions.
export async function buy(baseUrl: string, account: number, purchase: unknown): Promise<Receipt> {
  const response = await fetch(`${baseUrl}/accounts/${account}/purchases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/problem+json, application/json' },
    body: JSON.stringify(purchase),
  });
  // OutOfCredit | AccountFrozen | HttpException, or undefined for a 2xx.
  const error = await fromResponse(response, { types: [OutOfCredit, AccountFrozen] });
  if (error) throw error;
  return (await response.json()) as Receipt;
}

/** What the client makes of one purchase, as a line of text. */
export async function describePurchase(baseUrl: string, account: number, purchase: unknown): Promise<string> {
  try {
    const receipt = await buy(baseUrl, account, purchase);
    return `Bought ${receipt.quantity} × ${receipt.item}; balance ${receipt.balance}`;
  } catch (error) {
    if (error instanceof OutOfCredit) return `Out of credit: balance ${error.extensions.balance}, cost ${error.extensions.cost} (${error.code})`;
    if (error instanceof AccountFrozen) return `Frozen until ${error.extensions.until}`;
    if (error instanceof UnprocessableContentException) return `Invalid: ${(error.errors ?? []).map((e) => `${e.pointer} ${e.detail}`).join('; ')}`;
    throw error;
  }
}
// #endregion client

/** The client's calls against a running API, one line each. */
export async function runClient(baseUrl: string): Promise<string[]> {
  return [
    await describePurchase(baseUrl, 1, { item: 'book', quantity: 1 }),
    await describePurchase(baseUrl, 1, { item: 'book', quantity: 3 }),
    await describePurchase(baseUrl, 2, { item: 'lamp', quantity: 1 }),
    await describePurchase(baseUrl, 1, { item: '', quantity: 0, gift: { to: 7, message: 'hi' } }),
  ];
}

if (require.main === module) {
  const server: Server = createApp().listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    console.log(`Listening on ${base}`);
    runClient(base).then(
      (lines) => console.log(lines.join('\n')),
      (error: unknown) => console.error(error),
    );
  });
}
