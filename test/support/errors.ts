import { expect } from 'vitest'
import { AppError } from '../../src-main/core/base/appError'

/** What `promise` rejects with, which must be an `AppError` (or `type`); a resolve fails the test. */
export async function rejection<E = AppError>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E = AppError as never,
): Promise<E> {
  const err = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(type)
  return err as E
}
