/**
 * The public documents the improvement practices rest on, each named once. Every one is a real
 * document a reader can find by its title and publisher; the practices are written in our own
 * words and carry no figure from them. The list, with what each is cited for, is in SOURCES.md.
 */
import type { PracticeSource } from '@/lib/semantic/kpi';

export const apqcPcf: PracticeSource = {
  title: 'Process Classification Framework (PCF), Cross-Industry, version 7.4',
  publisher: 'APQC',
  year: 2024,
};

export const wercDcMeasures: PracticeSource = {
  title: 'DC Measures: annual survey and report on warehouse and distribution metrics',
  publisher: 'Warehousing Education and Research Council (WERC)',
  year: 2021,
};

export const scor: PracticeSource = {
  title: 'SCOR Digital Standard (Supply Chain Operations Reference model)',
  publisher: 'ASCM (Association for Supply Chain Management)',
};

export const learningToSee: PracticeSource = {
  title: 'Learning to See: Value Stream Mapping to Add Value and Eliminate Muda (Rother and Shook)',
  publisher: 'Lean Enterprise Institute',
  year: 1999,
};

export const orderPickingReview: PracticeSource = {
  title:
    'Design and control of warehouse order picking: a literature review (de Koster, Le-Duc and Roodbergen), European Journal of Operational Research 182(2)',
  publisher: 'Elsevier',
  year: 2007,
};

export const worldClassWarehousing: PracticeSource = {
  title: 'World-Class Warehousing and Material Handling, 2nd edition (Frazelle)',
  publisher: 'McGraw-Hill Education',
  year: 2016,
};

export const inventoryManagement: PracticeSource = {
  title:
    'Inventory and Production Management in Supply Chains, 4th edition (Silver, Pyke and Thomas)',
  publisher: 'CRC Press',
  year: 2017,
};

export const sapCreditControl: PracticeSource = {
  title: 'Automatic Credit Controls in SD (SAP Help Portal)',
  publisher: 'SAP',
  url: 'https://help.sap.com/saphelp_globext607_10/helpdata/en/93/743806546011d1a7020000e829fd11/content.htm',
};

export const oracleOrderPromising: PracticeSource = {
  title: 'Oracle Global Order Promising Implementation and User’s Guide, Release 12.1',
  publisher: 'Oracle',
};

export const x12OrderSets: PracticeSource = {
  title:
    'X12 transaction sets 850 (Purchase Order), 855 (Purchase Order Acknowledgment) and 856 (Ship Notice/Manifest)',
  publisher: 'ASC X12',
};

export const amazonLateShipment: PracticeSource = {
  title: 'Seller Central Help: Late Shipment Rate',
  publisher: 'Amazon',
  url: 'https://sellercentral.amazon.com/gp/help/external/202152050',
};

export const amazonSellerFulfilledPrime: PracticeSource = {
  title: 'Seller Central Help: Seller Fulfilled Prime performance metrics',
  publisher: 'Amazon',
  url: 'https://sellercentral-europe.amazon.com/gp/help/external/202072550',
};

export const walmartSellerStandards: PracticeSource = {
  title: 'Marketplace Learn: Seller Performance Standards',
  publisher: 'Walmart',
  url: 'https://marketplacelearn.walmart.com/guides/Policies%20&%20standards/Performance/Seller-performance-standards',
};

export const nrfReturns: PracticeSource = {
  title: 'Consumer Returns in the Retail Industry 2021',
  publisher: 'National Retail Federation (NRF) and Appriss Retail',
  year: 2021,
};

export const goingBackwards: PracticeSource = {
  title: 'Going Backwards: Reverse Logistics Trends and Practices (Rogers and Tibben-Lembke)',
  publisher: 'Reverse Logistics Executive Council',
  year: 1999,
};

export const reverseSupplyChain: PracticeSource = {
  title: 'The Reverse Supply Chain (Guide and Van Wassenhove)',
  publisher: 'Harvard Business Review',
  year: 2002,
};

export const reverseLogisticsFramework: PracticeSource = {
  title:
    'A Framework for Reverse Logistics (de Brito and Dekker), ERIM Report Series ERS-2003-045-LIS',
  publisher: 'Erasmus Research Institute of Management',
  year: 2003,
};

export const istaAmazonSioc: PracticeSource = {
  title: 'ISTA 6-Amazon.com-SIOC: Ships in Own Container test procedure',
  publisher: 'International Safe Transit Association (ISTA)',
  year: 2014,
};

export const gs1LogisticLabel: PracticeSource = {
  title: 'GS1 Logistic Label Guideline, Release 1.3',
  publisher: 'GS1',
  year: 2019,
  url: 'https://gs1.org/standards/gs1-logistic-label-guideline/1-3',
};

export const fcbcoCostPerOrder: PracticeSource = {
  title: 'How Does My Warehouse Cost Per Order Compare? (blog)',
  publisher: 'F. Curtis Barry & Company',
  url: 'https://www.fcbco.com/blog/topic/warehouse-costs-labor-and-productivity',
};
