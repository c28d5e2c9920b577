import { describe, expect, it } from 'vitest';
import { isJsonUtf8 } from '../../backend/webhooks/media-type.ts';

describe('isJsonUtf8', () => {
  it.each([
    'application/json',
    'Application/JSON',
    'application/json; charset=utf-8',
    'application/json;charset=UTF-8',
    'application/json; charset="utf-8"',
    'application/json; charset=utf8',
    'application/json;',
    'application/json; ; charset=utf-8',
    ' application/json ',
    'application/json; boundary="a;b"; charset=utf-8',
  ])('accepts %j', (header) => {
    expect(isJsonUtf8(header)).toBe(true);
  });

  it.each([
    null,
    '',
    'text/plain',
    'text/json',
    'application/jsonx',
    'application/json+x',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/json; charset=iso-8859-1',
    'application/json; charset="latin1"',
    'application/json; charset',
    'application/json; =utf-8',
    'application/json, text/plain',
  ])('refuses %j', (header) => {
    expect(isJsonUtf8(header)).toBe(false);
  });
});
