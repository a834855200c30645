FROM python:latest
