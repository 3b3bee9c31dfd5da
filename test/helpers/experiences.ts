/** Experiences as `experiences-list` returns them, for performList and dropdown tests. */
export const LIST_EXPERIENCES = [
  {
    id: 'exp_price',
    name: 'Spring pricing',
    type: 'pricing',
    category: 'experiment',
    status: 'ended',
    organizationId: 'org_4c1b9a',
    variations: [
      { id: 'v1', name: 'Control', percentage: 50, isControl: true, order: 0 },
      { id: 'v2', name: '+10% price', percentage: 50, isControl: false, order: 1 },
    ],
    experienceActions: [
      { id: 'a1', experienceId: 'exp_price', action: 'start', actionTs: 1_764_000_000_000 },
      { id: 'a2', experienceId: 'exp_price', action: 'pause', actionTs: 1_764_100_000_000 },
      { id: 'a3', experienceId: 'exp_price', action: 'start', actionTs: 1_764_200_000_000 },
      { id: 'a4', experienceId: 'exp_price', action: 'end', actionTs: 1_764_300_000_000 },
    ],
    createdAtTs: 1_763_900_000_000,
    lastUpdateTs: 1_764_300_000_000,
  },
  {
    id: 'exp_ship',
    name: 'Free shipping threshold',
    type: 'shipping',
    category: 'experiment',
    status: 'started',
    organizationId: 'org_4c1b9a',
    variations: [
      { id: 'v3', name: 'Control', percentage: 50, isControl: true, order: 0 },
      { id: 'v4', name: '$75 threshold', percentage: 50, isControl: false, order: 1 },
    ],
    experienceActions: [{ id: 'a5', experienceId: 'exp_ship', action: 'start', actionTs: 1_764_250_000_000 }],
    createdAtTs: 1_764_240_000_000,
    lastUpdateTs: 1_764_260_000_000,
  },
  {
    id: 'exp_offer',
    name: 'Bundle offer',
    type: 'personalization/offer',
    category: 'personalization',
    status: 'pending',
    organizationId: 'org_4c1b9a',
    createdAtTs: 1_764_350_000_000,
    lastUpdateTs: 1_764_350_000_000,
  },
];
