// HubSpot's official Node client against `hubtui serve`: it retries through injected
// TEN_SECONDLY_ROLLING 429s (numberOfApiCallRetries: 3) and succeeds. Run by tests/sdk/run.sh.
const hubspot = require('@hubspot/api-client');
const assert = require('assert');

const base = process.argv[2];

async function admin(method, path, body) {
  const r = await fetch(base + path, { method, headers: { authorization: 'Bearer local', 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  return r.status;
}

(async () => {
  const client = new hubspot.Client({ accessToken: 'local', basePath: base, numberOfApiCallRetries: 3 });
  // Two injected 429s with HubSpot's exact body, then normal service.
  assert.equal(await admin('PUT', '/__hubtui/faults', { seed: 1, rules: [
    { method: 'GET', path: '/crm/v3/objects/2-3465404', times: 1, action: { type: 'status', status: 429, policy: 'ten_secondly' } },
    { method: 'POST', path: '/crm/v3/objects/2-3465404/search', times: 1, action: { type: 'status', status: 429, policy: 'secondly' } },
  ] }), 200);
  const page = await client.crm.objects.basicApi.getPage('2-3465404', 5, undefined, ['make', 'model']);
  assert.equal(page.results.length, 5);
  const found = await client.crm.objects.searchApi.doSearch('2-3465404', {
    filterGroups: [{ filters: [{ propertyName: 'year', operator: 'EQ', value: '2026' }] }], limit: 3,
  });
  assert.ok(found.total > 0);
  // The journal shows the retries happened.
  const j = await (await fetch(base + '/__hubtui/journal?limit=10', { headers: { authorization: 'Bearer local' } })).json();
  assert.ok(j.results.filter((e) => e.status === 429).length >= 2);
  const created = await client.crm.objects.basicApi.create('2-3465404', { properties: { year: '2024', make: 'Ford', model: 'Bronco' }, associations: [] });
  const got = await client.crm.objects.basicApi.getById('2-3465404', created.id, ['model']);
  assert.equal(got.properties.model, 'Bronco');
  await admin('DELETE', '/__hubtui/faults');
  console.log("1 passed, 0 failed: HubSpot's Node client (@hubspot/api-client) retries through injected 429s against hubtui serve");
})().catch((e) => { console.error(e); process.exit(1); });
