import { View } from '@tarojs/components'
import { ListListingsInput } from '@shared/contracts'
import * as v from 'valibot'
export default function Index() { return <View>{String(v.safeParse(ListListingsInput, {}).success)}{process.env.TARO_APP_CLOUD_ENV}</View> }
