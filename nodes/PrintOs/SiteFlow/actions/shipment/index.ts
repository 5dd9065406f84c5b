import * as markShipped from './markShipped.operation';
import { defineResource } from '../../../shared/node/resource';

export const { operations, description } = defineResource('shipment', 'markShipped', {
	markShipped: {
		name: 'Mark as Shipped',
		action: 'Mark a shipment as shipped',
		description: 'Record that a shipment left, with its tracking details',
		operation: markShipped,
	},
});
