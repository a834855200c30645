FROM python AS base
FROM base
