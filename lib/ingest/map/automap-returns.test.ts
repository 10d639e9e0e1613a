/**
 * The returns workflow's headers (authorised, inspected, disposition) as the common ERPs name them:
 * SAP's German list labels and technical names, NetSuite's transactions, Dynamics and Shopify.
 */
import { describe, expect, it } from 'vitest';
import { proposeMapping } from './automap';

const split = (csv: string) => csv.split(',');

describe('returns workflow headers', () => {
  it('SAP German list labels map every stage', () => {
    const p = proposeMapping(
      split(
        'Retourenauftrag,Kundenauftrag,Material,Menge,Retourenauftragsdatum,Eingangsdatum,Prüfdatum,Folgeaktivität,Datum Folgeaktivität,Gutschriftsdatum,Retourengrund',
      ),
    );
    expect(p.target).toBe('returns');
    expect(p.system).toBe('sap');
    expect(p.columns).toMatchObject({
      return_id: 'Retourenauftrag',
      authorised_ts: 'Retourenauftragsdatum',
      return_ts: 'Eingangsdatum',
      inspected_ts: 'Prüfdatum',
      disposition: 'Folgeaktivität',
      disposition_ts: 'Datum Folgeaktivität',
      credited_ts: 'Gutschriftsdatum',
      reason_code: 'Retourengrund',
    });
    expect(p.unmappedRequired).toEqual([]);
  });

  it('SAP German: Retourenentscheidung is the disposition, Wareneingang the receipt', () => {
    const p = proposeMapping(
      split('Retourenauftrag,Kundenauftrag,Menge,Wareneingang,Retourenentscheidung,Retourengrund'),
    );
    expect(p.columns).toMatchObject({
      return_ts: 'Wareneingang',
      disposition: 'Retourenentscheidung',
    });
  });

  it('SAP technical names (advanced returns) map the RMA and the follow-up activity', () => {
    const p = proposeMapping(
      split(
        'CustRetMatlAuthzn,AUBEL,MATNR,MENGE,EINGANG,CustRetItmFollowUpActivity,GUTSCHRIFT,GRUND',
      ),
    );
    expect(p.target).toBe('returns');
    expect(p.system).toBe('sap');
    expect(p.columns).toMatchObject({
      return_id: 'CustRetMatlAuthzn',
      order_id: 'AUBEL',
      qty_returned: 'MENGE',
      return_ts: 'EINGANG',
      disposition: 'CustRetItmFollowUpActivity',
      credited_ts: 'GUTSCHRIFT',
      reason_code: 'GRUND',
    });
    expect(p.proposals.find((x) => x.field === 'disposition')?.reason).toContain(
      'CustRetItmFollowUpActivity',
    );
  });

  it('NetSuite: return authorization, item receipt and credit memo', () => {
    const p = proposeMapping(
      split(
        'Return Authorization #,Created From,Item,Quantity,Return Authorization Date,Item Receipt Date,Credit Memo Date,Return Reason',
      ),
    );
    expect(p.target).toBe('returns');
    expect(p.columns).toMatchObject({
      return_id: 'Return Authorization #',
      order_id: 'Created From',
      authorised_ts: 'Return Authorization Date',
      return_ts: 'Item Receipt Date',
      credited_ts: 'Credit Memo Date',
      reason_code: 'Return Reason',
    });
  });

  it('Dynamics: RMA number and disposition code', () => {
    const p = proposeMapping(
      split(
        'RMA number,SalesId,ItemId,ReturnArrivalDate,ReturnDispositionCodeId,ReturnReasonCodeId',
      ),
    );
    expect(p.columns).toMatchObject({
      return_id: 'RMA number',
      return_ts: 'ReturnArrivalDate',
      disposition: 'ReturnDispositionCodeId',
      reason_code: 'ReturnReasonCodeId',
    });
  });

  it('plain English workflow headers', () => {
    const p = proposeMapping(
      split(
        'RMA,Order ID,SKU,Qty Returned,RMA Date,Return Date,Inspection Date,Disposition,Disposition Date,Credit Date',
      ),
    );
    expect(p.target).toBe('returns');
    expect(p.columns).toMatchObject({
      return_id: 'RMA',
      authorised_ts: 'RMA Date',
      return_ts: 'Return Date',
      inspected_ts: 'Inspection Date',
      disposition: 'Disposition',
      disposition_ts: 'Disposition Date',
      credited_ts: 'Credit Date',
    });
  });
});
