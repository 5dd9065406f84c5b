/**
 * Bad input for every operation, as fast-check arbitraries (one per operation: boxSpecs.ts,
 * siteFlowSpecs.ts, built from values.ts, orders.ts, binaries.ts and requestOptions.ts), and the
 * verdict on one run (verdict.ts). Each generated case carries its own oracle (types.ts).
 *
 * Values reach the node through expressions (`={{ $json.value }}`), as they do from a previous
 * node, so they can be of any JSON type.
 */
import { BOX_FUZZ_SPECS } from './boxSpecs';
import { SITE_FLOW_FUZZ_SPECS } from './siteFlowSpecs';
import type { FuzzSpec } from './types';

export { ORDER_BREAKERS, orderInputArb, validOrderArb, type OrderInput } from './orders';
export { requestOptionsArb, requestOptionsProblem } from './requestOptions';
export type { FuzzCase, FuzzSpec } from './types';
export { runFuzzCase, type FuzzOutcome, type FuzzVerdict } from './verdict';
export { REQUEST_BUDGET } from './watchdog';

export const FUZZ_SPECS: FuzzSpec[] = [...BOX_FUZZ_SPECS, ...SITE_FLOW_FUZZ_SPECS];
