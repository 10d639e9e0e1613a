/** How to raise the perfect order index: work its weakest component, and review failures across functions. */
import type { Practice } from '@/lib/semantic/kpi';
import { apqcPcf, learningToSee, scor } from './sources';

export const practices: Practice[] = [
  {
    title: 'Work on the weakest component first',
    what: 'Read the index through its components (on time, complete, damage-free, documented) and put the improvement effort into the lowest one, using that component’s own practices.',
    why: 'The index is a product of the component rates, so the lowest rate pulls it down most and a point gained there moves it most.',
    start:
      'Open the components listed in this KPI’s definition, compare their values, and pick the practices of the lowest one.',
    measure: 'The perfect order index and the component being worked on.',
    sources: [apqcPcf, scor],
  },
  {
    title: 'Review failed orders with every function that touched them',
    what: 'Each week, review a sample of imperfect orders with order management, the warehouse, transport and customer service together, and agree one fix per week.',
    why: 'A perfect order needs every function to do its part; a joint review finds the causes that sit between them.',
    start:
      'Take twenty failed orders from the drills of the component KPIs, walk each through its steps with the people involved, and record the cause.',
    measure: 'The perfect order index, and the count of failures per cause.',
    sources: [learningToSee, scor],
  },
];
