/**
 * The working-day variant of order fulfilment cycle time moves with the same practices as the
 * calendar-day one: the same orders, counted in working days from the cut-off.
 */
export { practices } from './order-to-delivery-cycle-time';
