import { optionalText as inputText } from '../../../src/inputs/invalid-input';
import { actorOf } from '../../../src/items/event/from-experience';
import { optionalText } from '../../../src/util/optional-text';

describe('optionalText', () => {
  it.each([
    ['  Jane ', 'Jane'],
    ['', null],
    ['   ', null],
    [undefined, null],
    [null, null],
    [42, '42'],
    [Number.NaN, null],
    [{ name: 'x' }, null],
  ])('reads %j as %j', (value, expected) => {
    expect(optionalText(value)).toBe(expected);
  });

  it('is the one helper inputs and event items read text with', () => {
    expect(inputText).toBe(optionalText);
    expect(actorOf({ preferredName: '  ', firstName: ' Jane ', lastName: 'Doe ', email: ' jane@acme.example' })).toEqual({
      name: 'Jane Doe',
      email: 'jane@acme.example',
    });
  });
});
