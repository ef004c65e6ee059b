import { restOperation } from './rest-routes';

describe('REST routes of Amazon Macie (macie2)', () => {
  it.each([
    ['GET', '/macie', 'GetMacieSession'],
    ['POST', '/macie', 'EnableMacie'],
    ['PATCH', '/macie', 'UpdateMacieSession'],
    ['DELETE', '/macie', 'DisableMacie'],
    ['GET', '/administrator', 'GetAdministratorAccount'],
    ['POST', '/jobs/list', 'ListClassificationJobs'],
    ['GET', '/automated-discovery/configuration', 'GetAutomatedDiscoveryConfiguration'],
  ])('names %s %s as %s', (method, path, operation) => {
    expect(restOperation('macie2', method, path, new URLSearchParams())).toBe(operation);
  });

  it('does not name a sub-path of /macie as the session', () => {
    expect(restOperation('macie2', 'GET', '/macie/members/x', new URLSearchParams())).toBe(
      'GET /macie/members/x',
    );
  });
});
