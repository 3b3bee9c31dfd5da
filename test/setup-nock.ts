// Jest runs test files one after another in one process here (2 cores), and every file loads its own copy of nock,
// each patching Node's global http. Restoring after each file keeps one file's interceptors and
// disableNetConnect from answering the next file's requests.
import nock from 'nock';

afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
  nock.restore();
});
