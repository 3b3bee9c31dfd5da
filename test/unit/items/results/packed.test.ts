import { packResults, unpackResults } from '../../../../src/items/results/packed';
import { resultsSample } from '../../../../src/items/results/sample';

describe('packResults', () => {
  it('keeps every field and line item, in about half the JSON', () => {
    const packed = packResults(resultsSample);
    expect(unpackResults(JSON.parse(JSON.stringify(packed)))).toEqual(resultsSample);
    expect(JSON.stringify(packed).length).toBeLessThan(0.6 * JSON.stringify(resultsSample).length);
  });

  it.each([[null], [{}], [[1, 2]], [packResults(resultsSample).map((v, i) => (i === 0 ? 7 : v))]])('reads %p as nothing', (stored) => {
    expect(unpackResults(stored)).toBeNull();
  });
});
