/** Every Site Flow endpoint of the shared tables has exactly one handler; the compiler checks it. */
import type { ORDER_SERVICE_ENDPOINTS, SiteFlowEndpointName } from '../../nodes/PrintOs/SiteFlow/endpoints';
import type { Handler } from '../context';
import { catalogueHandlers } from './catalogue';
import { fileDownloadHandlers } from './downloads';
import { orderHandlers, orderServiceHandlers as serviceHandlers } from './orders';

export const siteFlowHandlers: Record<SiteFlowEndpointName, Handler> = { ...orderHandlers, ...catalogueHandlers, ...fileDownloadHandlers };

export const orderServiceHandlers: Record<keyof typeof ORDER_SERVICE_ENDPOINTS, Handler> = serviceHandlers;
