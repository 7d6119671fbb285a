import { act, fireEvent, waitFor } from '@testing-library/react'

/**
 * Types into the Taro <Input> carrying `className` the way a keyboard does: an input event on the inner
 * <input>, which the component renders a moment after it is mounted.
 */
export async function typeInto(className: string, value: string): Promise<void> {
  let input: Element | null = null
  await waitFor(() => {
    input = document.querySelector(`.${className} input`)
    expect(input).not.toBeNull()
  })
  fireEvent.input(input!, { target: { value } })
}

/** Types into the Taro <Textarea> carrying `className` (its inner <textarea>). */
export async function typeIntoTextarea(className: string, value: string): Promise<void> {
  let input: Element | null = null
  await waitFor(() => {
    input = document.querySelector(`.${className} textarea`)
    expect(input).not.toBeNull()
  })
  fireEvent.input(input!, { target: { value } })
}

/** Taps an element the story found (a click, with React's updates flushed); fails when it is not there. */
export async function tap(element: Element | null | undefined): Promise<void> {
  if (!element) throw new Error('nothing to tap')
  await act(async () => {
    fireEvent.click(element)
  })
}
