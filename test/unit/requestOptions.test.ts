import { requestOptionsProperty } from '../../nodes/PrintOs/shared/requestOptions';
import { DEFAULT_CLIENT_SETTINGS } from '../../nodes/PrintOs/transport/client';
import { DEFAULT_ITEM_CONCURRENCY } from '../../nodes/PrintOs/transport/items';

describe('Request Options defaults', () => {
	const defaults = Object.fromEntries(
		(requestOptionsProperty.options as Array<{ name: string; default: unknown }>).map((option) => [option.name, option.default]),
	);

	it('show the transport’s own defaults', () => {
		expect(defaults).toEqual({
			concurrency: DEFAULT_ITEM_CONCURRENCY,
			pacePerMinute: DEFAULT_CLIENT_SETTINGS.pacePerMinute,
			maxRetries: DEFAULT_CLIENT_SETTINGS.retry.maxRetries,
			retryBaseMs: 0,
			timeoutSeconds: DEFAULT_CLIENT_SETTINGS.timeoutMs / 1000,
		});
	});
});
