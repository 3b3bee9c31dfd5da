import nock from 'nock';
import { API, App, PREFIX, appTester } from '../../helpers/app-tester';
import { LIST_EXPERIENCES } from '../../helpers/experiences';
import { API_KEY } from '../../helpers/signed-delivery';
import { failureOf } from '../../helpers/zapier-failure';

const authData = { apiKey: API_KEY };
const trigger = (App.triggers as Record<string, any>).experience_list;

describe('experience_list (hidden, feeds the Experience dropdowns)', () => {
  it('is hidden and pages', () => {
    expect(trigger.display.hidden).toBe(true);
    expect(trigger.operation.canPaginate).toBe(true);
  });

  it('shows name, readable type and status in the label, with the id as value', async () => {
    const scope = nock(API, { reqheaders: { 'intelligems-access-token': API_KEY } })
      .get(`${PREFIX}/experiences-list`)
      .query({ limit: '100', page: '1' })
      .reply(200, { experiencesList: LIST_EXPERIENCES });
    const items = await appTester(trigger.operation.perform, { authData, inputData: {}, meta: { page: 0 } });
    expect(scope.isDone()).toBe(true);
    expect(items).toEqual([
      {
        id: 'exp_price',
        name: 'Spring pricing (Price Test, ended)',
        experience_name: 'Spring pricing',
        experience_type: 'Price Test',
        experience_status: 'ended',
      },
      {
        id: 'exp_ship',
        name: 'Free shipping threshold (Shipping Test, started)',
        experience_name: 'Free shipping threshold',
        experience_type: 'Shipping Test',
        experience_status: 'started',
      },
      { id: 'exp_offer', name: 'Bundle offer (Offer, pending)', experience_name: 'Bundle offer', experience_type: 'Offer', experience_status: 'pending' },
    ]);
    expect(Object.keys(items[0])).toEqual(Object.keys(trigger.operation.sample));
  });

  it('asks for the page Zapier asks for (meta.page counts from 0, experiences-list from 1)', async () => {
    const scope = nock(API).get(`${PREFIX}/experiences-list`).query({ limit: '100', page: '3' }).reply(200, { experiencesList: [] });
    expect(await appTester(trigger.operation.perform, { authData, inputData: {}, meta: { page: 2 } })).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('passes on failures as the client words them', async () => {
    const scope = nock(API).get(`${PREFIX}/experiences-list`).query(true).reply(500, { error: 'Internal', message: 'down' });
    const failure = await failureOf(appTester(trigger.operation.perform, { authData, inputData: {}, meta: { page: 0 } }));
    expect(scope.isDone()).toBe(true);
    expect(failure.message).toContain('Intelligems is having trouble while loading experiences for the dropdown (HTTP 500).');
  });
});
