import type { BeforeRequestMiddleware } from 'zapier-platform-core';
import { ACCESS_TOKEN_HEADER } from './contract/published';
import { apiBaseUrl } from './api/base-url';
import { apiKeyAsSent } from './api/secrets';

/** Every request to Intelligems: absolute URL from the configured base, and the API key header. */
export const addIntelligemsAuth: BeforeRequestMiddleware = (request, _z, bundle) => {
  if (request.url.startsWith('/')) {
    request.url = `${apiBaseUrl()}${request.url}`;
  }
  const apiKey = apiKeyAsSent(bundle);
  if (apiKey.length > 0) {
    request.headers = { ...request.headers, [ACCESS_TOKEN_HEADER]: apiKey };
  }
  return request;
};
