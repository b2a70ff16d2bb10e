package letters

import "context"

// HolidayService keeps the days off an office adds to the embedded national
// calendar: a later year's holidays and regional ones.
type HolidayService interface {
	// FindHolidays lists the added days in date order.
	FindHolidays(ctx context.Context) ([]CalendarDay, error)
	// AddHolidays stores days not already in the calendar and returns how
	// many were new. EINVALID for a bad date or kind (nothing is stored);
	// the calendar in use takes the new days at once.
	AddHolidays(ctx context.Context, days []CalendarDay) (int, error)
}
