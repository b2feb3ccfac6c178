using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Junocal.Web.Data;

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
