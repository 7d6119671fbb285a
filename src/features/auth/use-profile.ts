import { useCallback, useEffect, useRef, useState } from 'react'
import type { Contracts, InputOf, Profile } from '@shared/contracts'
import { useNetworkAllowed } from '@/features/consent'
import { api } from '@/services/api'
import { replaceSessionProfile } from '@/services/session'
import { pickAvatar } from './avatar'
import { describeLoginError, type LoginError } from './login-errors'
import { logout as logoutHere } from './login'
import { useSession } from './use-session'

export type ProfileEdit = NonNullable<InputOf<Contracts['auth']['updateProfile']>>

export interface ProfileState {
  /** The freshest profile known: the server's once loaded, the one stored with the session before. */
  profile: Profile | null
  loading: boolean
  saving: boolean
  uploading: boolean
  /** Of the last save/upload; `field` names the input (nickname, companyName, brandName). */
  error: LoginError | null
  save(edit: ProfileEdit): Promise<boolean>
  changeAvatar(): Promise<void>
  /** A profile the server answered elsewhere (the phone change): shown here and kept with the session. */
  accept(profile: Profile): void
  logout(): Promise<void>
}

export function useProfile(): ProfileState {
  const session = useSession()
  const allowed = useNetworkAllowed()
  const [loaded, setLoaded] = useState<Profile | null>(null)
  const [loading, setLoading] = useState(false)
  const [saving, setSaving] = useState(false)
  const [uploading, setUploading] = useState(false)
  const [error, setError] = useState<LoginError | null>(null)
  const mounted = useRef(true)
  const userId = session?.profile.userId ?? null

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
    }
  }, [])

  // The profile stored at login may be stale (edited on another device): fetch it when the page opens.
  useEffect(() => {
    if (!userId || !allowed) return
    let current = true
    setLoading(true)
    api.auth
      .getProfile()
      .then((profile) => {
        if (!current) return
        setLoaded(profile)
        replaceSessionProfile(profile)
      })
      .catch((thrown) => {
        if (current) setError(describeLoginError(thrown))
      })
      .finally(() => {
        if (current) setLoading(false)
      })
    return () => {
      current = false
    }
  }, [userId, allowed])

  const apply = (profile: Profile) => {
    replaceSessionProfile(profile)
    if (mounted.current) setLoaded(profile)
  }

  const save = useCallback(async (edit: ProfileEdit) => {
    setSaving(true)
    setError(null)
    try {
      apply(await api.auth.updateProfile(edit))
      return true
    } catch (thrown) {
      if (mounted.current) setError(describeLoginError(thrown))
      return false
    } finally {
      if (mounted.current) setSaving(false)
    }
  }, [])

  const changeAvatar = useCallback(async () => {
    setError(null)
    try {
      const picked = await pickAvatar()
      if (!picked) return
      setUploading(true)
      apply(await api.auth.uploadAvatar(picked))
    } catch (thrown) {
      if (mounted.current) setError(describeLoginError(thrown))
    } finally {
      if (mounted.current) setUploading(false)
    }
  }, [])

  const logout = useCallback(() => logoutHere(), [])
  const accept = useCallback((profile: Profile) => apply(profile), [])

  const profile = session ? (loaded?.userId === session.profile.userId ? loaded : session.profile) : null
  return { profile, loading, saving, uploading, error, save, changeAvatar, accept, logout }
}
