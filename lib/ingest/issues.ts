/** Row-level problems found while reading and validating an extract. */

export interface RowIssue {
  /** 1-based data row in the file (the header is row 0). */
  row: number;
  /** Source column as named in the file, when the problem belongs to one. */
  column: string | null;
  rule: string;
  message: string;
  value?: string | null;
  /** The row's order id, when the file maps one and the row has it: what a reader looks it up by. */
  orderId?: string | null;
}

export interface RuleCount {
  rule: string;
  column: string | null;
  count: number;
}

export const ruleDescriptions: Record<string, string> = {
  malformed_row: 'The row could not be split into the header’s fields',
  required: 'A required field is empty',
  type: 'The value is not of the field’s type',
  negative_quantity: 'A quantity is negative',
  cancelled_exceeds_ordered: 'The cancelled quantity exceeds the ordered quantity',
  ship_before_order: 'Shipped before the order date',
  delivered_before_ship: 'Delivered before the ship date',
  credited_before_return: 'Credited before the return was received',
  return_before_authorised: 'Return received before it was authorised',
  inspected_before_return: 'Return inspected before it was received',
  disposition_before_inspection: 'Disposition decided before the return was inspected',
  duplicate_key: 'The same key appears earlier in the file',
  invalid_value: 'The value is not one of the allowed values',
};
