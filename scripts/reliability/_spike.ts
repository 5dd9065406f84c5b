import "./resolveNodeTs";
import { startSandbox } from '../../sandbox';
import { runNode } from '../../test/harness/n8nRun';
import { PrintOsSiteFlow } from '../../nodes/PrintOs/SiteFlow/PrintOsSiteFlow.node';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { validOrder } from '../../test/helpers/siteFlowOrders';

async function main() {
  const sb = await startSandbox({ port: 0 });
  const cred = sb.credentialData().siteFlowApi;
  const node = new PrintOsSiteFlow();
  const run = (parameters: any, extra: any = {}) => runNode({ nodeType: node, parameters: { authentication: 'siteFlowApi', requestOptions: { retryBaseMs: 5, pacePerMinute: 0, ...(parameters.requestOptions ?? {}) }, ...parameters }, credentials: { siteFlowApi: cred }, ...extra });
  let t = Date.now();
  for (let i = 0; i < 20; i++) await run({ resource: 'account', operation: 'get' });
  console.log('20 account gets', Date.now() - t);
  t = Date.now();
  for (let i = 0; i < 20; i++) await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: '={{ "" }}' });
  console.log('20 local failures', Date.now() - t);
  const r = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: '={{ "" }}' });
  console.log('error class', r.error?.constructor?.name, r.error instanceof NodeOperationError, r.error?.message);
  // submit
  const s = await run({ resource: 'order', operation: 'submit', submitTarget: 'siteFlowApi', inputMode: 'json', orderJson: validOrder('SPIKE-1') });
  const id = s.items[0].json._id as string;
  console.log('submitted', id, s.error?.message);
  // cancel under timeout
  sb.setFaults({ slow: { count: 1, ms: 800 } });
  t = Date.now();
  const c = await run({ resource: 'order', operation: 'cancel', cancelBy: 'id', orderId: id, requestOptions: { timeoutSeconds: 0.3 } }, { continueOnFail: true });
  console.log('cancel under timeout', Date.now() - t, JSON.stringify(c.items.map(i => i.json)).slice(0, 400), c.error?.message);
  console.log(sb.requests(10).map(e => `${e.method} ${e.path} ${e.status} ${e.dropped ?? ''}`));
  // 5xx on get
  sb.setFaults({ failNext: { count: 2, status: 503 } });
  const g = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: id });
  console.log('get after 503s', g.error?.message, g.items.length);
  sb.setFaults({ failNext: { count: 9, status: 503 } });
  const g2 = await run({ resource: 'order', operation: 'get', getBy: 'id', orderId: id });
  console.log('get after 9 503s', g2.error?.constructor?.name, g2.error?.message, (g2.error as any)?.description, (g2.error as any)?.httpCode);
  sb.clearFaults();
  await sb.close();
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
