/** The e2e scenarios, in the order scripts/e2e.ts runs them on each n8n version. */
import type { Scenario } from './harness';
import { browserScenario } from './scenarios/browser';
import { httpRequestScenario } from './scenarios/httpRequest';
import { packageLoadedScenario } from './scenarios/packageLoaded';

export const scenarios: Scenario[] = [packageLoadedScenario, httpRequestScenario, browserScenario];
