import { ACTION_WORDS, describeRefusedAction, type RefusedActionInput } from '../../../src/creates/refused-action-message';

const refused = (over: Partial<RefusedActionInput>) => describeRefusedAction({ action: 'pause', httpStatus: 409, experienceId: 'exp_1', ...over });

describe('describeRefusedAction', () => {
  it('for a 404, says no experience has the ID, nothing happened, and where to pick one', () => {
    const message = refused({ action: 'end', httpStatus: 404 });
    expect(message).toContain('exp_1');
    expect(message).toContain('nothing was ended');
    expect(message).toContain('Experience dropdown');
  });

  it('names the experience, its type and state, the HTTP status and Intelligems’ reason when it could look it up', () => {
    const message = refused({ experience: { name: 'Spring pricing', type: 'pricing', status: 'pending' }, apiMessage: 'Transition not allowed' });
    expect(message).toContain('refused to pause');
    expect(message).toContain('Price Test “Spring pricing”');
    expect(message).toContain('while it is pending');
    expect(message).toContain('HTTP 409');
    expect(message).toContain('Transition not allowed');
  });

  it('falls back to the ID, without a state, when the lookup failed', () => {
    const message = refused({ experience: null, httpStatus: 400 });
    expect(message).toContain('the experience with ID “exp_1”');
    expect(message).not.toContain('while it is');
    expect(message).toContain('HTTP 400');
  });

  it.each([
    ['pause', 'paused', /already paused.*nothing to do/],
    ['start', 'ended', /ended experience cannot be started.*duplicate it/],
    ['pause', 'pending', /Only a running experience can be paused/],
    ['start', 'paused', /setup and status/],
    ['end', 'pending', /Check the experience’s status/],
  ] as const)('%s while %s: says what to do next', (action, status, advice) => {
    expect(refused({ action, experience: { name: 'N', type: 'pricing', status } })).toMatch(advice);
  });

  it('has the words for every action', () => {
    expect(Object.keys(ACTION_WORDS).sort()).toEqual(['end', 'pause', 'start']);
  });
});
