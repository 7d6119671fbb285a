import { afterWorkingDays, isWorkingDay, scheduleKnown, workingDaysBetween } from '@shared/domain/common/working-days'

const china = (day: string, time = '12:00') => Date.parse(`${day}T${time}:00+08:00`)
const endOf = (day: string) => Date.parse(`${day}T00:00:00+08:00`) + 24 * 60 * 60 * 1000

describe('the working-day calendar counts holidays and the weekend days worked in exchange', () => {
  it('knows the 2026 schedule: 国庆 off, the Sunday before and the Saturday after worked', () => {
    expect(isWorkingDay('2026-10-01')).toBe(false)
    expect(isWorkingDay('2026-10-08')).toBe(true)
    expect(isWorkingDay('2026-09-20')).toBe(true) // a Sunday worked in exchange
    expect(isWorkingDay('2026-10-10')).toBe(true) // a Saturday worked in exchange
    expect(isWorkingDay('2026-10-11')).toBe(false)
    expect(scheduleKnown(2026)).toBe(true)
  })

  it('15 working days from the Friday before 中秋 and 国庆 end on 15 October, not 9 October', () => {
    // 20 Sep (Sunday, worked) is the first; 25–27 Sep and 1–7 Oct are off; 10 Oct (Saturday) is worked.
    expect(afterWorkingDays(china('2026-09-18', '17:30'), 15)).toEqual({
      day: '2026-10-15',
      dueAt: endOf('2026-10-15'),
      estimated: false,
    })
  })

  it('a request received during a holiday counts from the first working day after it', () => {
    expect(afterWorkingDays(china('2026-10-03'), 1).day).toBe('2026-10-08')
    expect(afterWorkingDays(china('2026-02-16'), 1).day).toBe('2026-02-24') // 春节 15–23 Feb
    // Late in the evening China time is still that China day, whatever the server's zone.
    expect(afterWorkingDays(china('2026-12-04', '23:59'), 1).day).toBe('2026-12-07')
  })

  it('a span reaching a year whose schedule is not published is an estimate on Monday to Friday', () => {
    expect(scheduleKnown(2099)).toBe(false)
    const late = afterWorkingDays(china('2026-12-24'), 15)
    // Until an update of the calendar brings 2027's schedule.
    expect(late.estimated).toBe(!scheduleKnown(2027))
    expect(afterWorkingDays(china('2026-12-02'), 15)).toMatchObject({ day: '2026-12-23', estimated: false })
  })

  it('working days left: 0 on the due day, negative once past, holidays not counted', () => {
    const due = endOf('2026-10-15')
    expect(workingDaysBetween(china('2026-10-15', '09:00'), due)).toBe(0)
    expect(workingDaysBetween(china('2026-09-30'), due)).toBe(7) // 8, 9, 10 (Saturday), 12, 13, 14, 15 Oct
    expect(workingDaysBetween(china('2026-10-16'), due)).toBe(-1)
    expect(workingDaysBetween(china('2026-10-19'), due)).toBe(-2) // the weekend between is not counted
  })
})
