import { parseImageRef } from '@gitops/image-ref';
import { describe, expect, test } from 'vitest';
import { namedImageMatcher } from '../src/place';

const web = parseImageRef('ghcr.io/acme/web');

describe('the matcher of an image named on the command line', () => {
  test('without a marker: the app is the last path segment, and unmarked values change too', () => {
    expect(namedImageMatcher(web, undefined)).toEqual({
      app: 'web',
      names: [web],
      imagePolicy: undefined,
      markersOnly: false,
    });
  });

  test('a marker with a colon is a Flux ImagePolicy; one without is an app name; either way only marked values', () => {
    expect(namedImageMatcher(web, 'flux-system:web-policy')).toMatchObject({
      app: 'web',
      imagePolicy: 'flux-system:web-policy',
      markersOnly: true,
    });
    expect(namedImageMatcher(web, 'frontend')).toMatchObject({
      app: 'frontend',
      imagePolicy: undefined,
      markersOnly: true,
    });
  });
});
