import type { PropsWithChildren } from 'react'
import './app.scss'

// Deliberately empty at launch: no request may leave the device before the user's privacy choice,
// so nothing is fetched or initialised here; pages load data when they are shown.
export default function App({ children }: PropsWithChildren) {
  return children
}
