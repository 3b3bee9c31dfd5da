import type { BeforeRequestMiddleware, ZObject } from 'zapier-platform-core';
import { ACCESS_TOKEN_HEADER } from './contract/published';
import { ApiBaseUrlError, apiBaseUrl } from './api/base-url';
import { apiKeyAsSent } from './api/secrets';

/** Every request to Intelligems: absolute URL from the configured base, and the API key header. */
export const addIntelligemsAuth: BeforeRequestMiddleware = (request, z, bundle) => {
  if (request.url.startsWith('/')) {
    request.url = `${baseUrlOrRefusal(z)}${request.url}`;
  }
  const apiKey = apiKeyAsSent(bundle);
  if (apiKey.length > 0) {
    request.headers = { ...request.headers, [ACCESS_TOKEN_HEADER]: apiKey };
  }
  return request;
};

/** A refused INTELLIGEMS_API_URL stops the step with its own words, before the key is sent anywhere. */
function baseUrlOrRefusal(z: ZObject): string {
  try {
    return apiBaseUrl();
  } catch (error) {
    if (error instanceof ApiBaseUrlError) throw new z.errors.Error(error.message, 'InvalidApiUrl');
    throw error;
  }
}
