import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../helpers/app.ts';

const { app } = await setupTestApp();

describe('OpenAPI document', () => {
  it('is generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    for (const path of ['/api/health', '/api/ready', '/api/districts', '/api/campaigns', '/api/campaigns/{slug}']) {
      expect(document.paths).toHaveProperty([path]);
    }
    const create = document.paths['/api/campaigns'].post;
    expect(create.requestBody.content['application/json'].schema).toBeDefined();
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401']));
  });

  it('serves the interactive docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
