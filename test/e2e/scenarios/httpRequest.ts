/** Scenario 3: placeholder until the sandbox lands. */
import type { Scenario } from '../harness';

export const httpRequestScenario: Scenario = {
	name: '3. HTTP Request node with the printOsApi and siteFlowApi credentials',
	async run() {
		throw new Error('not written yet');
	},
};
