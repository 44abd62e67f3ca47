import { describe, expect, it } from 'vitest'
import { gitVersionCheck } from '../../../src-main/core/doctor'

describe('doctor: git version', () => {
  it('warns below 2.39.4 and passes from it on, whatever the vendor suffix', () => {
    expect(gitVersionCheck('git version 2.39.3')).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/older than 2\.39\.4/),
      fix: expect.stringMatching(/2\.39\.4/),
    })
    expect(gitVersionCheck('git version 2.25.1').status).toBe('warn')
    expect(gitVersionCheck('git version 1.9.5').status).toBe('warn')
    expect(gitVersionCheck('git version 2.39.4').status).toBe('ok')
    expect(gitVersionCheck('git version 2.39.5 (Apple Git-154)').status).toBe('ok')
    expect(gitVersionCheck('git version 2.47.3').status).toBe('ok')
    expect(gitVersionCheck('git version 3.0').status).toBe('ok')
  })

  it('warns when git is missing', () => {
    expect(gitVersionCheck(null)).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/not on PATH/),
    })
  })
})
