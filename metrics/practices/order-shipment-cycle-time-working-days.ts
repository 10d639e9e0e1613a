/**
 * The working-day variant of order shipment cycle time moves with the same practices as the
 * calendar-hour one: the same orders, counted in working days from the cut-off.
 */
export { practices } from './order-shipment-cycle-time';
