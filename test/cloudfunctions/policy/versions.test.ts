import { policyDocuments } from '@shared/policy'
import { CURRENT_POLICY_VERSIONS } from '@shared/policy/versions'

// The auth function checks consent against policy/versions.ts so its bundle need not carry the texts;
// this keeps that list and the documents the app shows from drifting apart.
describe('policy versions', () => {
  it.each(Object.entries(policyDocuments))('the login check asks for the version of %s the app shows', (id, doc) => {
    expect(CURRENT_POLICY_VERSIONS[id as keyof typeof CURRENT_POLICY_VERSIONS]).toBe(doc.version)
  })
})
