import { isLastPage, MAX_PAGE_SIZE } from '../../../src/api/client';
import type { Experience } from '../../../src/contract/published';

const experiences = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `e${i}` }) as Experience);

describe('isLastPage', () => {
  it('follows totalPages when the answer gives it, whatever the length of the page', () => {
    expect(isLastPage({ experiences: experiences(20), totalPages: 3 }, 2)).toBe(false);
    expect(isLastPage({ experiences: experiences(20), totalPages: 3 }, 3)).toBe(true);
    expect(isLastPage({ experiences: experiences(MAX_PAGE_SIZE), totalPages: 1 }, 1)).toBe(true);
  });

  it('without totalPages, a page shorter than asked is the last', () => {
    expect(isLastPage({ experiences: experiences(MAX_PAGE_SIZE) }, 1)).toBe(false);
    expect(isLastPage({ experiences: experiences(MAX_PAGE_SIZE - 1) }, 1)).toBe(true);
  });

  it('without totalPages, a page as long as the limit the API says it used is not the last', () => {
    expect(isLastPage({ experiences: experiences(20), limit: 20 }, 1)).toBe(false);
  });

  it('an empty page is always the last', () => {
    expect(isLastPage({ experiences: [], totalPages: 5 }, 2)).toBe(true);
  });
});
