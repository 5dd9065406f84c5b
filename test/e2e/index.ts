/** The e2e scenarios, in the order scripts/e2e.ts runs them on each n8n version. */
import type { Scenario } from './harness';
import { batchesScenario } from './scenarios/batches';
import { boxScenario } from './scenarios/box';
import { browserScenario } from './scenarios/browser';
import { examplesScenario } from './scenarios/examples';
import { httpRequestScenario } from './scenarios/httpRequest';
import { packageLoadedScenario } from './scenarios/packageLoaded';
import { siteFlowScenario } from './scenarios/siteFlow';
import { triggerScenario } from './scenarios/trigger';
import { wrongSecretScenario } from './scenarios/wrongSecret';
import { reliabilityScenario } from '../reliability/e2e';

export const scenarios: Scenario[] = [
	packageLoadedScenario,
	siteFlowScenario,
	boxScenario,
	httpRequestScenario,
	triggerScenario,
	wrongSecretScenario,
	examplesScenario,
	reliabilityScenario,
	batchesScenario,
	browserScenario,
];
