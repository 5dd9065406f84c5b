/** The e2e scenarios, in the order scripts/e2e.ts runs them on each n8n version. */
import type { Scenario } from './harness';
import { batchesScenario } from './scenarios/batches';
import { boxScenario } from './scenarios/box';
import { boxDownloadScenario } from './scenarios/boxDownload';
import { browserScenario } from './scenarios/browser';
import { examplesScenario } from './scenarios/examples';
import { httpRequestScenario } from './scenarios/httpRequest';
import { packageLoadedScenario } from './scenarios/packageLoaded';
import { pollingScenario } from './scenarios/polling';
import { siteFlowScenario } from './scenarios/siteFlow';
import { triggerScenario } from './scenarios/trigger';
import { wrongSecretScenario } from './scenarios/wrongSecret';
import { reliabilityScenario } from '../reliability/e2e';

export const scenarios: Scenario[] = [
	packageLoadedScenario,
	siteFlowScenario,
	boxScenario,
	boxDownloadScenario,
	httpRequestScenario,
	// before the postback scenarios configure the sandbox's postbacks: its shipments post nowhere
	pollingScenario,
	triggerScenario,
	wrongSecretScenario,
	examplesScenario,
	reliabilityScenario,
	batchesScenario,
	browserScenario,
];
