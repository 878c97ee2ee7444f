import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findOperation, REALITY_CORRECTIONS, validateRequest, validateResponse } from './openapi.js';
import { startValidatingProxy, type ValidatingProxy } from './validatingProxy.js';

const BATCH_CREATE = '/crm/v4/associations/contacts/companies/batch/create';
const LABELLED_PUT = '/crm/v4/objects/contacts/101/associations/companies/202';
const CORRELATION_ID = 'aeb5f871-7f07-4993-9211-075dc63e7cbf';

const spec = { associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 279 };
const validBatchCreate = { inputs: [{ from: { id: '101' }, to: { id: '202' }, types: [spec] }] };
const pair = {
  fromObjectTypeId: '0-1',
  fromObjectId: 101,
  toObjectTypeId: '0-2',
  toObjectId: 202,
  labels: [],
};
const batchOfPairs = {
  status: 'COMPLETE',
  results: [pair],
  startedAt: '2025-01-01T00:00:00.000Z',
  completedAt: '2025-01-01T00:00:00.100Z',
};

describe('operation lookup', () => {
  it('prefers literal segments over path parameters', () => {
    expect(
      findOperation('PUT', '/crm/v4/objects/contacts/1/associations/default/companies/2')?.template,
    ).toBe(
      '/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}',
    );
    expect(findOperation('PUT', LABELLED_PUT)?.template).toBe(
      '/crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}/{toObjectId}',
    );
    expect(findOperation('POST', '/crm/v3/objects/contacts/search')).toMatchObject({
      spec: 'crm-contacts-v3.json',
      template: '/crm/v3/objects/contacts/search',
    });
    expect(findOperation('GET', '/crm/v3/objects/deals/7')).toMatchObject({
      spec: 'crm-objects-v3.json',
      pathParams: { objectType: 'deals', objectId: '7' },
    });
  });

  it('finds both label path families', () => {
    expect(findOperation('GET', '/crm/associations/v4/0-1/0-2/labels')?.spec).toBe(
      'associations-v4-schema-labels-configurations.json',
    );
    expect(findOperation('GET', '/crm/v4/associations/contacts/companies/labels')?.spec).toBe(
      'associations-v4-schema-labels.rollout50914-2024.json',
    );
  });
});

describe('validateRequest', () => {
  it('passes a valid batch/create body', () => {
    expect(validateRequest({ method: 'POST', path: BATCH_CREATE, body: validBatchCreate })).toEqual([]);
    expect(
      validateRequest({ method: 'POST', path: BATCH_CREATE, body: JSON.stringify(validBatchCreate) }),
    ).toEqual([]);
  });

  it('names the missing field of a batch/create input', () => {
    const body = { inputs: [{ from: { id: '101' }, to: { id: '202' } }] };
    expect(validateRequest({ method: 'POST', path: BATCH_CREATE, body })).toEqual([
      "request body at /inputs/0: missing required property 'types'",
    ]);
  });

  it('reports wrong types, enums and undeclared properties in a body', () => {
    const body = [{ associationCategory: 'CUSTOM', associationTypeId: '36', typo: 1 }];
    const problems = validateRequest({ method: 'PUT', path: LABELLED_PUT, body });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/\/0\/associationCategory: must be one of/);
    expect(problems.join('\n')).toMatch(/\/0\/associationTypeId: must be integer/);
    expect(problems.join('\n')).toMatch(/property 'typo' is not declared/);
  });

  it('fails an unknown path and an undeclared method', () => {
    expect(validateRequest({ method: 'GET', path: '/crm/v4/nothing/here' })).toEqual([
      'no operation in the HubSpot specs matches GET /crm/v4/nothing/here',
    ]);
    expect(validateRequest({ method: 'PATCH', path: '/crm/associations/v4/0-1/0-2/labels' })[0]).toMatch(
      /PATCH is not an operation.*GET, PUT, POST/,
    );
  });

  it('checks path and query parameters', () => {
    const list = '/crm/v4/objects/contacts/101/associations/companies';
    expect(validateRequest({ method: 'GET', path: `${list}?limit=500&after=abc` })).toEqual([]);
    expect(validateRequest({ method: 'GET', path: list, query: { limit: 'ten', limti: '5' } })).toEqual([
      `query parameter 'limit': must be integer (got "ten")`,
      `query parameter 'limti' is not declared for GET /crm/v4/objects/{objectType}/{objectId}/associations/{toObjectType}`,
    ]);
    expect(
      validateRequest({ method: 'DELETE', path: '/crm/associations/v4/0-1/0-2/labels/manager' }),
    ).toEqual([`path parameter 'associationTypeId': must be integer (got "manager")`]);
  });

  it('requires declared bodies and rejects bodies where none is declared', () => {
    expect(validateRequest({ method: 'PUT', path: LABELLED_PUT })).toEqual(['request body is required']);
    const defaultPut = '/crm/v4/objects/contacts/1/associations/default/companies/2';
    expect(validateRequest({ method: 'PUT', path: defaultPut })).toEqual([]);
    expect(validateRequest({ method: 'PUT', path: defaultPut, body: { x: 1 } })[0]).toMatch(
      /takes no request body/,
    );
  });
});

describe('validateResponse', () => {
  it('accepts numeric ids in LabelsBetweenObjectPair (reality correction) but not elsewhere', () => {
    expect(validateResponse({ method: 'PUT', path: LABELLED_PUT, status: 201, body: pair })).toEqual([]);
    const numericTypeId = { ...pair, fromObjectTypeId: 1 };
    expect(validateResponse({ method: 'PUT', path: LABELLED_PUT, status: 201, body: numericTypeId })).toEqual(
      ['response body at /fromObjectTypeId: must be string'],
    );
  });

  it('accepts label null in labels responses (reality correction) but not other types', () => {
    const labels = { results: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: null }] };
    for (const path of [
      '/crm/associations/v4/0-1/0-2/labels',
      '/crm/v4/associations/contacts/companies/labels',
    ]) {
      expect(validateResponse({ method: 'GET', path, status: 200, body: labels })).toEqual([]);
      const bad = { results: [{ category: 'HUBSPOT_DEFINED', typeId: 279, label: 5 }] };
      expect(validateResponse({ method: 'GET', path, status: 200, body: bad })).toEqual([
        'response body at /results/0/label: must be string,null',
      ]);
    }
  });

  it('accepts numeric toObjectId in list responses', () => {
    const body = JSON.stringify({
      results: [
        {
          toObjectId: 5790939450,
          associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1, label: 'Primary' }],
        },
      ],
      paging: { next: { after: 'MQ' } },
    });
    const path = '/crm/v4/objects/contacts/101/associations/companies?limit=1';
    const contentType = 'application/json;charset=utf-8';
    expect(validateResponse({ method: 'GET', path, status: 200, contentType, body })).toEqual([]);
  });

  it('fails a 201 answer to an operation that declares only 200', () => {
    const body = { results: [{ category: 'USER_DEFINED', typeId: 144, label: 'Manager' }] };
    const path = '/crm/associations/v4/0-1/0-2/labels';
    expect(validateResponse({ method: 'POST', path, status: 200, body })).toEqual([]);
    expect(validateResponse({ method: 'POST', path, status: 201, body })).toEqual([
      'status 201 is not declared (declares 200)',
    ]);
  });

  it('validates error bodies against Error, allowing the fields real error bodies carry', () => {
    const rateLimited = {
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      correlationId: CORRELATION_ID,
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: 'publicapi:private_app-api-calls-ten-secondly:1:2',
      requestId: CORRELATION_ID,
    };
    expect(validateResponse({ method: 'POST', path: BATCH_CREATE, status: 429, body: rateLimited })).toEqual(
      [],
    );
    const { correlationId: _, ...noCorrelation } = rateLimited;
    expect(
      validateResponse({ method: 'POST', path: BATCH_CREATE, status: 400, body: noCorrelation }),
    ).toEqual(["response body: missing required property 'correlationId'"]);
    const html = {
      method: 'POST',
      path: BATCH_CREATE,
      status: 502,
      contentType: 'text/html',
      body: '<html/>',
    };
    expect(validateResponse(html)).toEqual(['response body is text/html, expected JSON']);
  });

  it('requires empty 204s and a body where one is declared', () => {
    expect(validateResponse({ method: 'DELETE', path: LABELLED_PUT, status: 204, body: '' })).toEqual([]);
    expect(validateResponse({ method: 'DELETE', path: LABELLED_PUT, status: 200, body: '' })).toEqual([
      'status 200 is not declared (declares 204)',
    ]);
    expect(validateResponse({ method: 'PUT', path: LABELLED_PUT, status: 201 })[0]).toMatch(/none was sent/);
  });

  it('keeps every reality correction as cited data', () => {
    expect(REALITY_CORRECTIONS.length).toBeGreaterThanOrEqual(9);
    for (const correction of REALITY_CORRECTIONS) expect(correction.source.length).toBeGreaterThan(20);
  });
});

// ---------------------------------------------------------------------------------------------

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string;
}

describe('validating proxy', () => {
  const seen: Seen[] = [];
  let reply: (request: Seen) => Reply = () => ({ status: 500 });
  let target: http.Server;
  let targetUrl: string;
  let proxy: ValidatingProxy;

  beforeAll(async () => {
    target = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        seen.push(request);
        const answer = reply(request);
        res.writeHead(answer.status, answer.headers ?? {});
        res.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    proxy = await startValidatingProxy({ target: targetUrl });
  });

  afterEach(() => {
    seen.length = 0;
    proxy.reset();
  });

  afterAll(async () => {
    await proxy.close();
    await new Promise((resolve) => target.close(resolve));
  });

  it('forwards request and answer unchanged and records a bad request', async () => {
    const answerBody = JSON.stringify(batchOfPairs);
    reply = () => ({
      status: 201,
      headers: {
        'content-type': 'application/json;charset=utf-8',
        'x-hubspot-ratelimit-remaining': '99',
        'set-cookie': ['a=1', 'b=2'],
      },
      body: answerBody,
    });
    const sent = JSON.stringify({ inputs: [{ from: { id: '101' }, to: { id: '202' } }] });
    const response = await fetch(`${proxy.url}${BATCH_CREATE}?trace=1`, {
      method: 'POST',
      headers: {
        authorization: 'Bearer sandbox-token',
        'content-type': 'application/json',
        'x-extra': 'kept',
      },
      body: sent,
    });

    expect(response.status).toBe(201);
    expect(response.headers.get('x-hubspot-ratelimit-remaining')).toBe('99');
    expect(response.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await response.text()).toBe(answerBody);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: `${BATCH_CREATE}?trace=1`, body: sent });
    expect(seen[0]?.headers).toMatchObject({ authorization: 'Bearer sandbox-token', 'x-extra': 'kept' });
    expect(seen[0]?.headers.host).toBe(new URL(targetUrl).host);

    expect(proxy.exchanges).toBe(1);
    expect(proxy.violations).toEqual([
      {
        method: 'POST',
        path: `${BATCH_CREATE}?trace=1`,
        status: 201,
        where: 'request',
        problems: [
          `query parameter 'trace' is not declared for POST /crm/v4/associations/{fromObjectType}/{toObjectType}/batch/create`,
          "request body at /inputs/0: missing required property 'types'",
        ],
      },
    ]);
  });

  it('records a response that breaks the spec', async () => {
    reply = () => ({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pair),
    });
    const response = await fetch(`${proxy.url}${LABELLED_PUT}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([spec]),
    });
    expect(response.status).toBe(200);
    expect(proxy.violations).toEqual([
      {
        method: 'PUT',
        path: LABELLED_PUT,
        status: 200,
        where: 'response',
        problems: ['status 200 is not declared (declares 201)'],
      },
    ]);
  });

  it('passes non-JSON bodies and 204s through', async () => {
    reply = (request) =>
      request.method === 'DELETE'
        ? { status: 204 }
        : { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not here' };
    const gone = await fetch(`${proxy.url}${LABELLED_PUT}`, { method: 'DELETE' });
    expect(gone.status).toBe(204);
    expect(await gone.text()).toBe('');
    expect(proxy.violations).toEqual([]);

    const text = await fetch(`${proxy.url}/robots.txt`);
    expect(text.status).toBe(404);
    expect(text.headers.get('content-type')).toBe('text/plain');
    expect(await text.text()).toBe('not here');
    expect(proxy.violations.map((v) => v.where)).toEqual(['request', 'response']);
    expect(proxy.exchanges).toBe(2);
  });

  it('handles hundreds of parallel exchanges', async () => {
    reply = (request) => {
      const id = request.url.split('/')[5] ?? '';
      const body = {
        results: [{ toObjectId: id, associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 1 }] }],
      };
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    };
    const ids = Array.from({ length: 300 }, (_, i) => String(1000 + i));
    const answers = await Promise.all(
      ids.map(async (id) => {
        const response = await fetch(`${proxy.url}/crm/v4/objects/contacts/${id}/associations/companies`);
        return ((await response.json()) as { results: Array<{ toObjectId: string }> }).results[0]?.toObjectId;
      }),
    );
    expect(answers).toEqual(ids);
    expect(proxy.exchanges).toBe(300);
    expect(proxy.violations).toEqual([]);
  });

  it('answers 502 and records it when the target is down', async () => {
    const orphan = await startValidatingProxy({ target: 'http://127.0.0.1:1' });
    try {
      const response = await fetch(`${orphan.url}${LABELLED_PUT}`, { method: 'DELETE' });
      expect(response.status).toBe(502);
      expect(orphan.violations).toMatchObject([{ where: 'response', status: 502 }]);
      expect(orphan.violations[0]?.problems[0]).toMatch(/target did not answer/);
    } finally {
      await orphan.close();
    }
  });
});
